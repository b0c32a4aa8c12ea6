// The peer's modules.conf: autoload=no and only what an IVR + app_queue + MixMonitor call path
// needs, each module's own dependencies included (the loader refuses a module without them).
// Names checked against Debian's asterisk-modules 1:22.x in the appliance's root file system.
import { type Line, renderIni } from '../render/ini.js';

export const PEER_MODULE_GROUPS: readonly { why: string; modules: readonly string[] }[] = [
  { why: 'sorcery back ends and timing', modules: ['res_sorcery_config', 'res_sorcery_memory', 'res_sorcery_astdb', 'res_timing_timerfd'] },
  {
    why: 'PJSIP over UDP: the trunk identified by address, agents by user name with digest auth, their registrations',
    modules: [
      'res_pjproject', 'res_pjsip', 'res_pjsip_session', 'res_pjsip_pubsub', 'chan_pjsip',
      'res_pjsip_endpoint_identifier_ip', 'res_pjsip_endpoint_identifier_user', 'res_pjsip_authenticator_digest',
      'res_pjsip_registrar', 'res_pjsip_sdp_rtp', 'res_pjsip_nat', 'res_pjsip_dtmf_info', 'res_pjsip_caller_id',
      'res_rtp_asterisk',
    ],
  },
  { why: 'codecs and file formats (prompts in wav, recordings in wav, the appliance\'s hold music in gsm)', modules: ['codec_alaw', 'codec_ulaw', 'codec_a_mu', 'codec_gsm', 'format_wav', 'format_pcm', 'format_gsm'] },
  { why: 'bridges for the caller and the agent', modules: ['bridge_simple', 'bridge_softmix', 'bridge_native_rtp', 'bridge_holding'] },
  {
    why: 'the dialplan and its applications: IVR (Background/WaitExten are built in), recording, queue, hold music',
    modules: ['pbx_config', 'app_playback', 'app_mixmonitor', 'app_queue', 'res_musiconhold', 'func_channel', 'func_callerid', 'func_timeout'],
  },
];

export const PEER_MODULES: readonly string[] = PEER_MODULE_GROUPS.flatMap((g) => g.modules);

export function renderPeerModules(): string {
  const loads = PEER_MODULE_GROUPS.flatMap(({ why, modules }): Line[] => [{ comment: why }, ...modules.map((m) => ['load', '=>', `${m}.so`] as const)]);
  return renderIni([{ name: 'modules', lines: [['autoload', 'no'], ...loads] }]);
}
