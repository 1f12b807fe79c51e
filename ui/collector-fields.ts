/**
 * CO-15: the fields of another person who collects pickup lines (name, optional phone and email) and how the
 * delivery dialog reads them. The server checks the name and the phone and email formats; its refusal names the
 * field (`collector.name`, `collector.phone`, `collector.email`) and is shown under it.
 */
import { html, nothing } from 'lit';
import type { Collector } from '../engine/domain/collector.ts';
import { violationText, type RuleViolation } from './till-shared.ts';

const FIELDS = [
  { field: 'name', label: 'Name of the person who collects', type: 'text', autocomplete: 'name' },
  { field: 'phone', label: 'Their phone (optional)', type: 'tel', autocomplete: 'tel' },
  { field: 'email', label: 'Their email (optional)', type: 'email', autocomplete: 'email' },
] as const;

export function collectorFields(error: RuleViolation | null) {
  const at = (field: string) => (error?.field === `collector.${field}` || (field === 'name' && error?.field === 'collector') ? error : null);
  return html`
    <fieldset>
      <legend>Who collects</legend>
      <div class="grid2">
        ${FIELDS.map(({ field, label, type, autocomplete }) => html`
          <label>${label}
            <input name="collector.${field}" type=${type} autocomplete=${autocomplete} aria-invalid=${at(field) === null ? 'false' : 'true'}
              aria-describedby=${at(field) === null ? nothing : `error-collector-${field}`}>
          </label>`)}
      </div>
      ${FIELDS.map(({ field }) => (at(field) === null ? null : html`<div id="error-collector-${field}" class="field-error" role="alert">${violationText(at(field)!)}</div>`))}
    </fieldset>`;
}

/** The collector typed in the form (optional fields left empty are left out). */
export function readCollector(form: FormData): Collector {
  const text = (name: string) => String(form.get(`collector.${name}`) ?? '').trim();
  return { name: text('name'), ...(text('phone') === '' ? {} : { phone: text('phone') }), ...(text('email') === '' ? {} : { email: text('email') }) };
}
