// modules.conf: autoload=no and exactly the modules the appliance uses. Every name below was
// checked against the module directory of Debian's asterisk-modules 1:22.10.1 (suite forky,
// /usr/lib/x86_64-linux-gnu/asterisk/modules/); the integration tests check that each one runs in the
// appliance. Each module's own dependencies (the `requires` list compiled into the .so) are loaded
// too: the loader refuses a module whose dependencies are not loaded.
import { type Line, renderIni } from './ini.js';

/** Groups of modules, each with why it is loaded. Order within a group does not matter. */
export const MODULE_GROUPS: readonly { why: string; modules: readonly string[] }[] = [
  {
    why: 'sorcery back ends (res_pjsip requires config, memory and astdb) and timing',
    modules: ['res_sorcery_config', 'res_sorcery_memory', 'res_sorcery_astdb', 'res_timing_timerfd'],
  },
  {
    why: 'PJSIP over UDP: endpoints, aors, identify by IP (trunks) or user name (agents\' phones, which register), calls, SDP/RTP',
    modules: [
      'res_pjproject', 'res_pjsip', 'res_pjsip_session', 'res_pjsip_pubsub', 'chan_pjsip',
      'res_pjsip_endpoint_identifier_ip', 'res_pjsip_endpoint_identifier_user',
      // Without a registered authenticator, res_pjsip lets unidentified requests through
      // ("Assuming authentication is not required"); with it they are challenged and fail.
      'res_pjsip_authenticator_digest', 'res_pjsip_registrar',
      'res_pjsip_sdp_rtp', 'res_pjsip_nat', 'res_pjsip_dtmf_info',
      'res_pjsip_caller_id', 'res_pjsip_diversion', 'res_pjsip_header_funcs',
      'res_rtp_asterisk',
    ],
  },
  {
    why: 'codecs (alaw, ulaw, g722; gsm for the hold music files) and their translation',
    modules: ['codec_alaw', 'codec_ulaw', 'codec_a_mu', 'codec_g722', 'codec_gsm', 'codec_resample'],
  },
  {
    // Debian ships no format_g722: format_pcm reads and writes .g722 files (and .alaw, .ulaw).
    why: 'file formats for prompts, recordings and hold music',
    modules: ['format_wav', 'format_pcm', 'format_sln', 'format_gsm'],
  },
  {
    // chan_bridge_media provides the Announcer and Recorder channels that ARI adds to a bridge to
    // play to it (POST /bridges/{id}/play) and record it (POST /bridges/{id}/record).
    why: 'bridges: two-party, mixing (recording, listen/whisper/barge), native RTP, holding (queues), and their media channels',
    modules: ['bridge_simple', 'bridge_softmix', 'bridge_native_rtp', 'bridge_holding', 'chan_bridge_media'],
  },
  {
    why: 'HTTP server and ARI (REST, events over WebSocket) and Stasis',
    modules: [
      // res_ari of Asterisk 22.x links against res_websocket_client (outbound ARI websockets).
      'res_http_websocket', 'res_websocket_client', 'res_ari', 'res_ari_model',
      'res_ari_applications', 'res_ari_asterisk', 'res_ari_bridges', 'res_ari_channels',
      'res_ari_device_states', 'res_ari_endpoints', 'res_ari_events', 'res_ari_playbacks',
      'res_ari_recordings', 'res_ari_sounds',
      'res_stasis', 'res_stasis_answer', 'res_stasis_playback', 'res_stasis_recording',
      'res_stasis_snoop', 'res_stasis_device_state', 'app_stasis',
    ],
  },
  {
    why: 'dialplan (extensions.conf), hold music, channel functions read over ARI',
    modules: ['pbx_config', 'res_musiconhold', 'func_channel', 'func_callerid'],
  },
];

/** Every module loaded, in group order. */
export const MODULES: readonly string[] = MODULE_GROUPS.flatMap((g) => g.modules);

export function renderModules(): string {
  const lines: Line[] = [['autoload', 'no']];
  for (const group of MODULE_GROUPS) {
    lines.push({ comment: group.why });
    for (const m of group.modules) lines.push(['load', '=>', `${m}.so`]);
  }
  return renderIni([{ name: 'modules', lines }], [
    'Only what is listed here is loaded (autoload=no). The other sample files Debian installs',
    'in this directory configure modules that are never loaded, so they are left in place.',
  ]);
}
