/**
 * Issue 13: which of the office's views a headquarters command changes, so the office's live room tells each screen
 * whether to read its view again. An office command changes what its records show (an order's lines move the
 * backorders and the fulfilment of the agreements they are linked to); any other headquarters command changes the
 * order list (the stores' and the call center's orders and returns), and the clock moves every dated view.
 */
import type { HeadquartersCommand } from '../headquarters-commands.ts';
import { salesOfficeViews, type SalesOfficeCommand, type SalesOfficeView } from '../protocol/sales.ts';

const ORDER_LINES: readonly SalesOfficeView[] = ['orders', 'backorders', 'agreements'];
const INVOICING: readonly SalesOfficeView[] = ['orders', 'invoices', 'agreements'];

const CHANGED_BY: Record<SalesOfficeCommand['type'], readonly SalesOfficeView[]> = {
  'sales.createOrder': ORDER_LINES, 'sales.confirmOrder': ['orders'], 'sales.changeOrderType': ORDER_LINES, 'sales.addLine': ORDER_LINES,
  'sales.changeLine': ORDER_LINES, 'sales.cancelRemainder': ORDER_LINES, 'sales.changeConfirmedDate': ['orders', 'backorders'],
  'sales.markCustomerNotified': ['orders', 'backorders'], 'sales.postPackingSlip': [...ORDER_LINES, 'invoices'],
  'sales.invoiceOrder': INVOICING, 'sales.invoicePackingSlips': INVOICING, 'sales.collectiveInvoice': INVOICING, 'sales.freeTextInvoice': ['invoices'],
  'sales.createQuotation': ['quotations', 'pipeline'], 'sales.sendQuotation': ['quotations'], 'sales.confirmQuotation': ['quotations', ...ORDER_LINES],
  'sales.loseQuotation': ['quotations'], 'sales.cancelQuotation': ['quotations'], 'sales.extendQuotation': ['quotations'],
  'sales.createAgreement': ['agreements'], 'sales.addCommitment': ['agreements'], 'sales.makeAgreementEffective': ['agreements'], 'sales.closeAgreement': ['agreements'],
  'sales.releaseOrder': ORDER_LINES, 'sales.linkLine': ORDER_LINES, 'sales.createPurchaseLine': ['backorders'], 'sales.receivePurchaseLine': ['backorders', 'orders'],
  'marketing.createProspect': ['pipeline'], 'marketing.convertProspect': ['pipeline', 'quotations'], 'marketing.createLead': ['pipeline'],
  'marketing.qualifyLead': ['pipeline'], 'marketing.disqualifyLead': ['pipeline'], 'marketing.winOpportunity': ['pipeline', 'quotations'],
  'marketing.loseOpportunity': ['pipeline'], 'marketing.cancelOpportunity': ['pipeline'], 'marketing.createCampaign': ['campaigns'],
  'marketing.chooseTargets': ['campaigns', 'pipeline'], 'marketing.activateCampaign': ['campaigns'], 'marketing.recordResponse': ['campaigns', 'pipeline', 'quotations'],
};

export function viewsChangedBy(command: HeadquartersCommand): readonly SalesOfficeView[] {
  if (command.type === 'headquarters.salesOffice') return CHANGED_BY[command.command.type];
  return command.type === 'clock.advance' ? salesOfficeViews : ['orders'];
}
