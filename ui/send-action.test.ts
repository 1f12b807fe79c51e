import { expect } from '@open-wc/testing';
import type { CommandAnswer } from './api.ts';
import { sendAction } from './send-action.ts';
import { describe, it } from './testing/dom.ts';

const accepted: CommandAnswer = { ok: true, seq: 7, result: { orderId: 'CO-000001' } };
const refusal = (rule: string): CommandAnswer => ({ ok: false, error: { rule, message: rule } });

/** A server that gives `answers` in turn (an Error: the request failed on the way), and the bodies it got. */
function server(...answers: (CommandAnswer | Error)[]) {
  const bodies: { command: unknown; commandId: string }[] = [];
  const post = (body: string) => {
    bodies.push(JSON.parse(body) as { command: unknown; commandId: string });
    const answer = answers.shift()!;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { post, bodies };
}
const noWait = () => Promise.resolve();

describe('5 one user action, one commandId', () => {
  it('5 every action gets a new key, and a retry of the same action reuses it', async () => {
    const { post, bodies } = server(new TypeError('Failed to fetch'), refusal('OUTCOME_UNKNOWN'), refusal('UNAVAILABLE'), accepted, accepted);
    expect(await sendAction(post, { command: { type: 'register.tender' } }, [1, 1, 1], noWait)).to.deep.equal(accepted);
    expect(bodies).to.have.length(4);
    expect(new Set(bodies.map((b) => b.commandId)).size).to.equal(1);
    expect(bodies[0]!.commandId).to.match(/^[A-Za-z0-9_.:-]{1,64}$/);
    await sendAction(post, { command: { type: 'register.void' } }, [1], noWait);
    expect(bodies[4]!.commandId).not.to.equal(bodies[0]!.commandId);
  });

  it('5 an answer is given as it is: a refusal, or a first UNAVAILABLE (not taken), is not sent again', async () => {
    for (const answer of [refusal('CO-7'), refusal('UNAVAILABLE')]) {
      const { post, bodies } = server(answer);
      expect(await sendAction(post, { command: {} }, [1, 1], noWait)).to.deep.equal(answer);
      expect(bodies).to.have.length(1);
    }
  });

  it('5 tries stop after the last delay: the outcome stays unknown, and is said so', async () => {
    const { post } = server(refusal('OUTCOME_UNKNOWN'), refusal('OUTCOME_UNKNOWN'));
    expect(await sendAction(post, { command: {} }, [1], noWait)).to.deep.equal(refusal('OUTCOME_UNKNOWN'));
  });
});
