// The SIPp scenarios the bench writes from its templates.
import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillTemplate, refusalElements, writeAgentScenario, writeCallerScenario, writeRegisterScenario } from './scenarios.js';
import { sippCommand } from './sipp.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-scenarios-'));

test('given a template, when filled, then a missing or an unused value is an error', (t) => {
  t.is(fillTemplate('a {{x}} b', { x: 1 }), 'a 1 b');
  t.throws(() => fillTemplate('a {{x}} {{y}}', { x: 1 }), { message: /no value for \{\{y\}\}/ });
  t.throws(() => fillTemplate('a {{x}}', { x: 1, z: 2 }), { message: /never used: z/ });
});

test('given caller parameters, when written, then the scenario presses the keys by INFO in order and ends as asked', (t) => {
  const base = { keys: ['2'], keyDelayMs: 500, holdMs: 4000, alawFile: '/tmp/talk.alaw' };
  const hangsUp = readFileSync(writeCallerScenario(dir, 'a.xml', { ...base, waitForBye: false }), 'utf8');
  t.true(hangsUp.includes('Signal=2') && hangsUp.includes('CSeq: 2 INFO') && hangsUp.includes('CSeq: 3 BYE'));
  t.true(hangsUp.includes('<pause milliseconds="4000"/>'));
  t.true(hangsUp.includes('rtp_stream="/tmp/talk.alaw,-1,8,PCMA/8000"'));
  t.false(hangsUp.includes('{{'));
  const waits = readFileSync(writeCallerScenario(dir, 'b.xml', { ...base, waitForBye: true, alawFile: undefined }), 'utf8');
  t.true(waits.includes('<recv request="BYE" timeout="4000" ontimeout="gave-up"/>'));
  t.false(waits.includes('rtp_stream'));
  const inTurn = readFileSync(writeCallerScenario(dir, 'c.xml', { ...base, waitForBye: false, hangUpAt: { epochMs: 1_800_000_000_000, spacingMs: 25 } }), 'utf8');
  t.true(inTurn.includes('<assign assign_to="hold" value="1800000000000"/>') && inTurn.includes('<multiply assign_to="turn" value="25"/>'));
  const twoKeys = readFileSync(writeCallerScenario(dir, 'g.xml', { ...base, keys: ['2', '1'], waitForBye: false }), 'utf8');
  t.true(twoKeys.includes('Signal=2') && twoKeys.includes('Signal=1') && twoKeys.includes('CSeq: 3 INFO') && twoKeys.includes('CSeq: 4 BYE'));
  t.throws(() => writeCallerScenario(dir, 'h.xml', { ...base, keys: [], waitForBye: false }), { message: /at least one key/ });
  t.throws(() => writeCallerScenario(dir, 'd.xml', { ...base, keys: ['22'], waitForBye: false }), { message: /not a DTMF key/ });
});

test('given agent parameters, when written, then the phone rings, answers, and hangs up only when asked', (t) => {
  const waits = readFileSync(writeAgentScenario(dir, 'e.xml', { ringMs: 200, agentTalkMs: 0, alawFile: undefined }), 'utf8');
  t.true(waits.includes('<pause milliseconds="200"/>'));
  t.false(waits.includes('<nop next="agent-hangs-up"/>'));
  const hangsUp = readFileSync(writeAgentScenario(dir, 'f.xml', { ringMs: 200, agentTalkMs: 1500, alawFile: undefined }), 'utf8');
  t.true(hangsUp.includes('<nop next="agent-hangs-up"/>') && hangsUp.includes('<pause distribution="uniform" min="750" max="2250"/>'));
  t.false(readFileSync(writeRegisterScenario(dir), 'utf8').includes('{{'));
});

test('given a caller scenario, when a refusal comes, then its ACK carries the INVITE\'s branch: [branch-N] counts back to message 0', (t) => {
  const xml = readFileSync(writeCallerScenario(dir, 'r.xml', { keys: ['2'], keyDelayMs: 500, holdMs: 4000, alawFile: undefined, waitForBye: false }), 'utf8');
  for (const code of [503, 486]) t.true(xml.includes(`<recv response="${code}" optional="true" next="refused"/>`), String(code));
  // SIPp numbers the scenario's messages (send, recv, pause, nop) from 0; labels are not messages.
  const blank = (re: RegExp) => (text: string): string => text.replace(re, (m) => ' '.repeat(m.length));
  const tags = blank(/<!\[CDATA\[[\s\S]*?\]\]>/g)(blank(/<!--[\s\S]*?-->/g)(xml));
  const ackAt = tags.indexOf('<send', tags.indexOf('<label id="refused"/>'));
  const ackIndex = [...tags.slice(0, ackAt).matchAll(/<(send|recv|pause|nop)\b/g)].length;
  t.is(ackIndex, 7, 'INVITE, 100, 180, 183, 503, 486, 200, then the ACK');
  t.true(xml.includes(`branch=[branch-${ackIndex}]`));
  t.true(xml.includes('<nop next="done"/>') && xml.trimEnd().endsWith('<label id="done"/>\n</scenario>'), 'a refused call ends, as a success for SIPp');
  t.is(refusalElements([503]).refusedAck.includes('[branch-6]'), true, 'one refusal code: INVITE, 100, 180, 183, 503, 200, then the ACK');
});

test('given CPUs to pin SIPp to, when its command is made, then taskset runs it there; none: SIPp itself', (t) => {
  t.deepEqual(sippCommand(['-sf', 'x.xml'], [1]), ['taskset', ['--cpu-list', '1', 'sipp', '-sf', 'x.xml', '-nostdin']]);
  t.deepEqual(sippCommand(['-sf', 'x.xml'], []), ['sipp', ['-sf', 'x.xml', '-nostdin']]);
});
