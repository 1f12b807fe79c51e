/**
 * Guided (direct) selling (CC-10, CC-11): the scripts an agent reads and the up-sells and cross-sells offered after
 * a line, as pure functions over an order's lines. With guided selling off there is nothing to read and no prompt.
 */
import type { Minor } from '../money.ts';
import { isViolation, violation, type RuleViolation } from '../violation.ts';
import type { AppliedSourceCode } from './catalog.ts';
import type { CallCenterConfig, ScriptTiming, Suggestion } from './config.ts';
import type { ResolvedPrice } from './pricing.ts';

/** The line fields guided selling reads and writes; a call-center order line has at least these. */
export interface GuidedLine { lineId: string; productId: string; quantity: number; unitPrice: Minor }

/** A script for the agent, and why it is shown. */
export interface Script { text: string; from: 'sourceCode' | 'item' | 'suggestion'; sourceCode?: string; productId?: string }

/**
 * CC-10: the source code's scripts of one timing: Beginning when the code is entered, End on the summary.
 */
export function sourceCodeScripts(center: CallCenterConfig, sourceCode: AppliedSourceCode | null, timing: ScriptTiming): Script[] {
  if (!center.guidedSelling || sourceCode === null) return [];
  return sourceCode.scripts.filter((s) => s.timing === timing).map((s) => ({ text: s.text, from: 'sourceCode', sourceCode: sourceCode.code }));
}

/** CC-11: one suggestion offered for a line; the catalog's carry their source code. */
export interface SuggestionOffer { lineId: string; suggestion: Suggestion; sourceCode: string | null }

/** What the agent sees when a line is added. */
export interface LineAddedPrompt { scripts: Script[]; offers: SuggestionOffer[] }

/**
 * CC-10 / CC-11: when a line is added: the item's scripts, and the item's suggestions to offer. The source code's
 * catalog suggestions for the item replace its standard ones (and only they bring their scripts, CC-10); an item the
 * catalog has none for keeps its standard ones. Guided selling off: nothing.
 */
export function onLineAdded(center: CallCenterConfig, sourceCode: AppliedSourceCode | null, line: Pick<GuidedLine, 'lineId' | 'productId'>): LineAddedPrompt {
  if (!center.guidedSelling) return { scripts: [], offers: [] };
  const itemScripts: Script[] = center.itemScripts.filter((s) => s.productId === line.productId).map((s) => ({ text: s.text, from: 'item', productId: s.productId }));
  const fromCatalog = sourceCode?.suggestions.filter((s) => s.productId === line.productId) ?? [];
  const suggestions = fromCatalog.length > 0 ? fromCatalog : center.suggestions.filter((s) => s.productId === line.productId);
  const code = fromCatalog.length > 0 ? sourceCode!.code : null;
  const offers = suggestions.map((suggestion) => ({ lineId: line.lineId, suggestion, sourceCode: code }));
  const offerScripts: Script[] = offers.flatMap(({ suggestion }) => suggestion.script === undefined ? []
    : [{ text: suggestion.script, from: 'suggestion', productId: suggestion.suggestedProductId, ...(code === null ? {} : { sourceCode: code }) }]);
  return { scripts: [...itemScripts, ...offerScripts], offers };
}

/** An offer still applies: its line is on the order with the item it was offered for. */
function checkOffer<L extends GuidedLine>(lines: readonly L[], offer: SuggestionOffer, kind: Suggestion['kind']): L | RuleViolation {
  const line = lines.find((l) => l.lineId === offer.lineId);
  if (line === undefined) return violation('CC-11', `line ${offer.lineId} is no longer on the order`, 'lineId');
  if (line.productId !== offer.suggestion.productId) return violation('CC-11', `line ${offer.lineId} is no longer item ${offer.suggestion.productId}`, 'lineId');
  if (offer.suggestion.kind !== kind) return violation('CC-11', `this is ${offer.suggestion.kind === 'upSell' ? 'an up-sell' : 'a cross-sell'}, not ${kind === 'upSell' ? 'an up-sell' : 'a cross-sell'}`, 'suggestion');
  return line;
}

/**
 * CC-11 accept an up-sell: the line's item becomes the suggested one at its resolved price; the quantity is kept.
 */
export function acceptUpSell<L extends GuidedLine>(lines: readonly L[], offer: SuggestionOffer, price: ResolvedPrice): L[] | RuleViolation {
  const line = checkOffer(lines, offer, 'upSell');
  if (isViolation(line)) return line;
  if (price.productId !== offer.suggestion.suggestedProductId) return violation('CC-11', `the price given is for ${price.productId}, not ${offer.suggestion.suggestedProductId}`, 'productId');
  return lines.map((l) => (l === line ? { ...l, productId: price.productId, unitPrice: price.unitPrice } : l));
}

/** CC-11 accept a cross-sell: the suggested item is added as a new line (built by the order, priced as any line). */
export function acceptCrossSell<L extends GuidedLine>(lines: readonly L[], offer: SuggestionOffer, newLine: L): L[] | RuleViolation {
  const line = checkOffer(lines, offer, 'crossSell');
  if (isViolation(line)) return line;
  if (newLine.productId !== offer.suggestion.suggestedProductId) return violation('CC-11', `the new line is ${newLine.productId}, not the suggested ${offer.suggestion.suggestedProductId}`, 'productId');
  if (lines.some((l) => l.lineId === newLine.lineId)) return violation('CC-11', `line ${newLine.lineId} is already on the order`, 'lineId');
  return [...lines, newLine];
}
