// The SDP every simulated SIPp party offers or answers: G.711 A-law and RFC 4733 events, written
// with SIPp's own keywords (the media address and port SIPp was given).
export const SDP_BODY = `      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=sipp 1 1 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 8 101
      a=rtpmap:8 PCMA/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a=sendrecv`;
