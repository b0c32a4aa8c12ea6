// manager.conf: the app drives Asterisk over ARI only. Debian's sample turns AMI on (loopback,
// port 5038); switch it off so that it neither listens nor collides with another appliance
// sharing the host's loopback.
import { renderIni } from './ini.js';

export function renderManager(): string {
  return renderIni([{ name: 'general', lines: [['enabled', 'no']] }], ['AMI is not used: the app talks to Asterisk over ARI.']);
}
