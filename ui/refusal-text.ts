/**
 * The one way every screen shows a refusal to staff: the server's message in plain words, then a small detail line
 * for support with the rule and the field ("Ref. CO-8, cardToken").
 */
import { html } from 'lit';
import { staffWords, type RuleViolation } from '../engine/domain/violation.ts';

export function refusalContent(error: RuleViolation) {
  const { message, detail } = staffWords(error);
  return html`${message} <small class="refusal-detail" style="display: block; font-weight: 400; font-size: 0.8em">${detail}</small>`;
}
