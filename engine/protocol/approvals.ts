/** Commands whose rules look at an approver (the engine checks the approver's permissions); the till asks for one. */
export const APPROVABLE: ReadonlySet<string> = new Set(['register.addItem', 'register.overrideDeposit', 'register.addCharge', 'register.overrideCharge', 'register.tender', 'register.adjustCancellationCharge', 'register.approveQuote']);
