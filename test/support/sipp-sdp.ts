// Pieces of SIPp scenarios every simulated party uses: the SDP it offers or answers (G.711 A-law
// and RFC 4733 events, with SIPp's own keywords for the media address and port), and the 200 OK
// that accepts a request in the dialog (a BYE).
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

/**
 * The same SDP for a party that streams a sound file (SIPp's rtp_stream): the port it offers is
 * the one the stream is sent from, so the other side's strict RTP takes it.
 */
export const STREAMED_SDP_BODY = SDP_BODY.replace('[media_port]', '[rtpstream_audio_port]');

/** Starts streaming a raw A-law file, looped, for the rest of the call. */
export const rtpStream = (alawFile: string): string => `  <nop><action><exec rtp_stream="${alawFile},-1,8,PCMA/8000"/></action></nop>\n`;

export const OK_TO_REQUEST = `  <send><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
  ]]></send>
`;
