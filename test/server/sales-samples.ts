/** A valid command of each sales office type (the schema takes it), as the access-matrix and sales server tests send them. */
import type { SalesOfficeCommand } from '../../engine/protocol/sales.ts';

const l = { productId: 'P-TENT', quantity: 1, requestedShipDate: '2026-01-10' };

export function salesSamples(operatorId: string): Record<SalesOfficeCommand['type'], Record<string, unknown>> {
  const by = { operatorId };
  const order = { ...by, salesOrderId: 'HSO-000001' };
  const quotation = { ...by, quotationId: 'QUO-000001' };
  const agreement = { ...by, agreementId: 'SA-000001' };
  return {
    'sales.createOrder': { ...by, orderType: 'salesOrder', customerAccount: 'C-ACME', lines: [l] },
    'sales.confirmOrder': order,
    'sales.changeOrderType': { ...order, orderType: 'journal' },
    'sales.addLine': { ...order, line: l },
    'sales.changeLine': { ...order, lineId: 'HSO-000001-1', requestedShipDate: '2026-01-12' },
    'sales.cancelRemainder': order,
    'sales.changeConfirmedDate': { ...order, lineId: 'HSO-000001-1', confirmedShipDate: '2026-01-12' },
    'sales.markCustomerNotified': { ...order, lineId: 'HSO-000001-1' },
    'sales.postPackingSlip': { ...order, lines: [{ lineId: 'HSO-000001-1', quantity: 1 }] },
    'sales.invoiceOrder': order,
    'sales.invoicePackingSlips': { ...by, packingSlipIds: ['PSLIP-000001'] },
    'sales.collectiveInvoice': { ...by, customerAccount: 'C-ACME', salesOrderIds: ['HSO-000001'] },
    'sales.freeTextInvoice': { ...by, customerAccount: 'C-ACME', salesTaxGroup: 'TX-WA', itemTaxGroup: 'SERVICE', lines: [{ mainAccount: '401100', text: 'Repair', amount: 100 }] },
    'sales.createQuotation': { ...by, partyId: 'C-ACME', expiryDate: '2026-02-01', lines: [l] },
    'sales.sendQuotation': quotation,
    'sales.confirmQuotation': quotation,
    'sales.loseQuotation': { ...quotation, reason: 'price' },
    'sales.cancelQuotation': { ...quotation, reason: 'withdrawn' },
    'sales.extendQuotation': { ...quotation, expiryDate: '2026-03-01' },
    'sales.createAgreement': { ...by, customerAccount: 'C-ACME', effective: '2026-01-01', expiration: '2026-06-30' },
    'sales.addCommitment': { ...agreement, commitment: { kind: 'productQuantity', productId: 'P-TENT', committed: 4 } },
    'sales.makeAgreementEffective': agreement,
    'sales.closeAgreement': agreement,
    'sales.releaseOrder': { ...agreement, lines: [{ commitmentId: 'SA-000001-1', ...l }] },
    'sales.linkLine': { ...order, lineId: 'HSO-000001-1', agreementId: 'SA-000001', commitmentId: 'SA-000001-1' },
    'sales.createPurchaseLine': { ...by, vendorAccount: 'V-NORD', productId: 'P-TENT', quantity: 3, expectedDate: '2026-01-08' },
    'sales.receivePurchaseLine': { ...by, purchaseOrderId: 'PO-000001', lineId: '1', quantity: 1 },
    'marketing.createProspect': { ...by, name: 'Trail Club' },
    'marketing.convertProspect': { ...by, partyId: 'PTY-000001' },
    'marketing.createLead': { ...by, partyId: 'PTY-000001', topic: 'Tents' },
    'marketing.qualifyLead': { ...by, leadId: 'LEAD-000001' },
    'marketing.disqualifyLead': { ...by, leadId: 'LEAD-000001', reason: 'no budget' },
    'marketing.winOpportunity': { ...by, opportunityId: 'OPP-000001' },
    'marketing.loseOpportunity': { ...by, opportunityId: 'OPP-000001' },
    'marketing.cancelOpportunity': { ...by, opportunityId: 'OPP-000001' },
    'marketing.createCampaign': { ...by, name: 'Spring', campaignType: 'email', startsOn: '2026-01-01', endsOn: '2026-03-31' },
    'marketing.chooseTargets': { ...by, campaignId: 'CAMP-000001', targets: [{ partyId: 'PTY-000001', from: 'prospect' }] },
    'marketing.activateCampaign': { ...by, campaignId: 'CAMP-000001' },
    'marketing.recordResponse': { ...by, campaignId: 'CAMP-000001', targetId: 'PTY-000001/PTY-000001-1', response: 'positive' },
    'sales.changeQuotationLines': { ...quotation, lines: [l] },
    'sales.changeAgreementDates': { ...agreement, effective: '2026-01-01', expiration: '2026-09-30' },
    'sales.removeCommitment': { ...agreement, commitmentId: 'SA-000001-1' },
    'sales.expireAgreement': agreement,
    'marketing.closeCampaign': { ...by, campaignId: 'CAMP-000001' },
    'marketing.cancelCampaign': { ...by, campaignId: 'CAMP-000001' },
  };
}

export const SALES_READ_PATHS = {
  'GET /api/sales/orders': '/api/sales/orders',
  'GET /api/sales/orders/:salesOrderId': '/api/sales/orders/HSO-000001',
  'GET /api/sales/orders/:salesOrderId/pro-forma': '/api/sales/orders/HSO-000001/pro-forma',
  'GET /api/sales/pro-forma/free-text': `/api/sales/pro-forma/free-text?customerAccount=C-ACME&salesTaxGroup=TX-WA&itemTaxGroup=SERVICE&lines=${encodeURIComponent(JSON.stringify([{ mainAccount: '401100', text: 'Repair', amount: 100 }]))}`,
  'GET /api/sales/quotations': '/api/sales/quotations',
  'GET /api/sales/quotations/:quotationId': '/api/sales/quotations/QUO-000001',
  'GET /api/sales/agreements': '/api/sales/agreements',
  'GET /api/sales/agreements/:agreementId': '/api/sales/agreements/SA-000001',
  'GET /api/sales/backorders': '/api/sales/backorders',
  'GET /api/sales/purchase-lines': '/api/sales/purchase-lines',
  'GET /api/sales/invoices': '/api/sales/invoices',
  'GET /api/sales/invoices/:invoiceId': '/api/sales/invoices/SINV-000001',
  'GET /api/sales/pipeline': '/api/sales/pipeline',
  'GET /api/sales/campaigns': '/api/sales/campaigns',
  'GET /api/sales/campaigns/:campaignId': '/api/sales/campaigns/CAMP-000001',
} as const;
