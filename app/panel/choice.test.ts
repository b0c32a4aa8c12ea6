import test from 'ava';
import { TenantSchema } from '../../pbx-config/schema/tenant.js';
import { demoJson } from '../../pbx-config/testing/fixtures.js';
import { withChoice } from './service.js';

test('given menu keys of the utility\'s main flow, when shown, then each says where it led: a queue by its label, through a calendar too, else the step', async (t) => {
  const energie = TenantSchema.parse(await demoJson('tenants/energie.json'));
  const technique = energie.queues.find((q) => q.id === 'technique')?.label;
  const commercial = energie.queues.find((q) => q.id === 'commercial')?.label;
  t.truthy(technique && commercial);
  const key = (k: string) => withChoice(energie, { kind: 'key', flow: 'principal', menu: 'menu', key: k });
  t.like(key('1'), { choice: technique });
  t.like(key('2'), { choice: commercial }, 'the calendar\'s open branch');
  t.like(key('9'), { choice: 'menu' }, 'a step that is no queue is named');
  t.false('choice' in key('7'), 'a key the menu does not have is left as it was');
  t.false('choice' in withChoice(energie, { kind: 'key', menu: 'menu', key: '1' }), 'no flow, no guess');
});
