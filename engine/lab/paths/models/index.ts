/**
 * Every lifecycle model, in the order `storefront paths list` shows them. A new machine joins by adding its model
 * module's entry here: the `paths` command and the model tests iterate this list.
 */
import type { ModelEntry } from '../model.ts';
import { callCenterOrderModel } from './call-center-order.ts';
import { campaignModel } from './campaign.ts';
import { catalogModel } from './catalog.ts';
import { continuityEnrolmentModel } from './continuity-enrolment.ts';
import { customerModel } from './customer.ts';
import { customerOrderModel, customerOrderPartialEditsModel } from './customer-order.ts';
import { opportunityModel } from './opportunity.ts';
import { orderHoldModel } from './order-hold.ts';
import { fulfillmentGroupModel } from './fulfillment-group.ts';
import { leadModel } from './lead.ts';
import { quotationModel } from './quotation.ts';
import { registerModel } from './register.ts';
import { salesAgreementModel } from './sales-agreement.ts';
import { salesOrderModel } from './sales-order.ts';
import { syncChannelModel } from './sync-channel.ts';

export const MODELS: readonly ModelEntry[] = [registerModel, customerOrderModel, customerOrderPartialEditsModel, fulfillmentGroupModel, syncChannelModel, customerModel, callCenterOrderModel, orderHoldModel, catalogModel, continuityEnrolmentModel, salesOrderModel, quotationModel, salesAgreementModel, leadModel, opportunityModel, campaignModel];
