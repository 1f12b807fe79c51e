import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { LocationAvailabilityView } from '../engine/protocol/views.ts';
import type { DeliveryAction, DeliveryDialog, DeliveryScope } from './delivery-dialog.ts';
import './delivery-dialog.ts';
import { alerts, button, deep, deepAll, describe, it, settle, text, type } from './testing/dom.ts';
import { FakeStoreApi, demoSetup } from './testing/fake-store-api.ts';
import { customerView, line } from './testing/till-views.ts';

const tent = line('T-R1-000007-1', 'P-TENT', 10, 19999);
const lamp = line('T-R1-000007-2', 'P-LAMP', 1, 2499);

function availability(purpose: 'ship' | 'pickup'): LocationAvailabilityView[] {
  const at = (locationId: string, name: string, tents: number): LocationAvailabilityView => ({
    locationId, name, short: tents < 10,
    lines: [{ ...tent, available: tents, short: tents < 10 }, { ...lamp, available: 50, short: false }].map(({ lineId, productId, quantity, available, short }) => ({ lineId, productId, quantity, available, short })),
  });
  const stores = [at('S1', 'Seattle', 50), at('S2', 'Portland', 5)];
  return purpose === 'pickup' ? stores : [...stores, at('W1', 'Kent warehouse', 200)];
}

async function dialog(action: DeliveryAction, scope: DeliveryScope = 'all', lines = [tent, lamp]) {
  const setup = demoSetup();
  const api = new FakeStoreApi(setup);
  api.getAnswers.set('registers/R1/availability', (path: string) => ({ locations: availability(path.includes('purpose=pickup') ? 'pickup' : 'ship') }));
  const sent: Record<string, unknown>[] = [];
  const el = await fixture<DeliveryDialog>(html`<delivery-dialog .setup=${setup} .api=${api} .action=${action} .scope=${scope}
    .lines=${lines} .selectedLineId=${tent.lineId} .customer=${customerView()} @deliver=${(e: CustomEvent) => sent.push(e.detail as Record<string, unknown>)}></delivery-dialog>`);
  await settle(el);
  return { el, api, sent };
}

const submit = async (el: DeliveryDialog, name: string | RegExp) => {
  button(el, name).click();
  await settle(el);
};

describe('<delivery-dialog>', () => {
  it('CO-3 pick up all offers the chain\'s pickup modes and sends the one chosen (the default goes without saying)', async () => {
    const { el, sent } = await dialog('pickup');
    const modes = deepAll<HTMLOptionElement>(el, 'select[name="modeCode"] option').map((o) => o.value);
    expect(modes).to.deep.equal(['PICKUP', 'CURBSIDE']);
    await submit(el, 'Pick up all');
    type(deep(el, 'select[name="modeCode"]'), 'CURBSIDE');
    await submit(el, 'Pick up all');
    expect(sent).to.deep.equal([
      { type: 'register.pickupAll', locationId: 'S1' },
      { type: 'register.pickupAll', modeCode: 'CURBSIDE', locationId: 'S1' },
    ]);
  });

  it('CO-3 change mode of delivery to a pickup mode asks for the pickup store instead of the ship fields', async () => {
    const { el, sent } = await dialog('changeMode', 'selected');
    expect(deepAll(el, 'select[name="addressId"]')).to.have.length(1);
    type(deep(el, 'select[name="modeCode"]'), 'CURBSIDE');
    await settle(el);
    expect(deepAll(el, 'select[name="addressId"]')).to.have.length(0);
    expect(deepAll<HTMLOptionElement>(el, 'select[name="locationId"] option').map((o) => o.value)).to.deep.equal(['S1', 'S2']);
    type(deep(el, 'select[name="locationId"]'), 'S2');
    await submit(el, 'Change mode of delivery');
    expect(sent).to.deep.equal([{ type: 'register.changeModeOfDelivery', modeCode: 'CURBSIDE', locationId: 'S2' }]);
  });

  it('CO-15 someone else collects: their name, phone and email go with the pickup; a refusal is shown at its field', async () => {
    const { el, sent } = await dialog('pickup', 'selected');
    expect(deepAll(el, 'input[name="collector.name"]')).to.have.length(0);
    deep<HTMLInputElement>(el, 'input[name="otherCollector"]').click();
    await settle(el);
    type(deep(el, 'input[name="collector.name"]'), ' Sam Lee ');
    type(deep(el, 'input[name="collector.email"]'), 'sam@example.com');
    await submit(el, 'Pick up selected');
    expect(sent).to.deep.equal([{ type: 'register.pickupSelected', locationId: 'S1', collector: { name: 'Sam Lee', email: 'sam@example.com' } }]);
    el.error = { rule: 'VALIDATION', field: 'collector.phone', message: 'expected a phone number (digits, spaces, + ( ) - . /)' };
    await settle(el);
    expect(alerts(el)).to.deep.equal(['Expected a phone number (digits, spaces, + ( ) - . /) Ref. VALIDATION, collector.phone']);
    expect(deep(el, 'input[name="collector.phone"]').getAttribute('aria-invalid')).to.equal('true');
    expect(deep(el, 'input[name="collector.phone"]').getAttribute('aria-describedby')).to.equal('error-collector-phone');
  });

  it('CO-17 the location choice shows each location\'s available quantity; a short location is marked and still selectable', async () => {
    const { el, api, sent } = await dialog('pickup');
    expect(api.reads).to.deep.equal(['registers/R1/availability?purpose=pickup&lineIds=T-R1-000007-1,T-R1-000007-2']);
    const options = deepAll<HTMLOptionElement>(el, 'select[name="locationId"] option').map((o) => text(o));
    expect(options).to.deep.equal(['Seattle', 'Portland (short)']);
    const row = (id: string) => deep(el, `location-availability tr[data-location="${id}"]`);
    expect(text(row('S2'))).to.contain('Portland').and.contain('5 available, 10 wanted').and.contain('Short');
    expect(text(row('S1'))).to.contain('50 available').and.contain('In stock');
    expect(row('S1').className).to.equal('chosen');
    type(deep(el, 'select[name="locationId"]'), 'S2');
    await settle(el);
    expect(row('S2').className).to.equal('chosen');
    await submit(el, 'Pick up all');
    expect(sent).to.deep.equal([{ type: 'register.pickupAll', locationId: 'S2' }]);
  });

  it('CO-17 ship asks for the ship-from locations of the picked lines, again when the picker changes', async () => {
    const { el, api } = await dialog('ship', 'selected');
    expect(api.reads).to.deep.equal(['registers/R1/availability?purpose=ship&lineIds=T-R1-000007-1']);
    deepAll<HTMLInputElement>(el, 'input[name="lineIds"]')[1]!.click();
    await settle(el);
    expect(api.reads.at(-1)).to.equal('registers/R1/availability?purpose=ship&lineIds=T-R1-000007-1,T-R1-000007-2');
    expect(deepAll(el, 'location-availability tr[data-location]').map((r) => r.dataset.location)).to.deep.equal(['S1', 'S2', 'W1']);
  });

  for (const [width, height] of [[1024, 768], [1366, 768]] as const) {
    it(`fits ${width}x${height}: every select within the dialog, the buttons in view, the fields scroll inside`, async () => {
      await setViewport({ width, height });
      try {
        // A long cart in the picker: more than fits, so the fields must scroll inside the dialog.
        const many = Array.from({ length: 12 }, (_, i) => line(`T-R1-000007-${i + 1}`, i % 2 === 0 ? 'P-TENT' : 'P-LAMP', 1, 2499));
        const { el } = await dialog('changeMode', 'selected', many);
        type(deep(el, 'select[name="modeCode"]'), 'STD');
        await settle(el);
        const frame = deep(deep(el, 'till-dialog'), 'dialog.modal').getBoundingClientRect();
        expect(frame.bottom).to.be.at.most(height);
        for (const select of deepAll(el, 'select')) {
          const box = select.getBoundingClientRect();
          expect(box.left, select.getAttribute('name')!).to.be.at.least(frame.left);
          expect(box.right, select.getAttribute('name')!).to.be.at.most(frame.right);
        }
        const submitButton = button(el, 'Change mode of delivery').getBoundingClientRect();
        expect(submitButton.bottom, 'the submit button within the dialog\'s visible box').to.be.at.most(frame.bottom);
        expect(submitButton.top).to.be.at.least(frame.top);
        expect(getComputedStyle(deep(el, '.fields')).overflowY).to.equal('auto');
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }
});
