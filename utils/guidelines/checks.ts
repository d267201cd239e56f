/**
 * The live checks on a reply draft, run on every keystroke. They warn and never
 * block: each finding names what to fix and where, for highlighting. Everyone can
 * read a public reply, so private data, requests for it, brush-offs and blame are
 * what matter most; length and unfilled template variables are the rest.
 */
import { findBlame } from './blame';
import { findBrushOff } from './brush-off';
import { findDataRequests } from './data-requests';
import { foldWidth } from './fold';
import { lengthOverflow } from './length';
import { compilePhrases, type PhraseMatcher } from './phrases';
import { findPlaceholders } from './placeholders';
import { findPrivateData } from './private-data';
import type { GuidelineRules } from './rules';

export type DraftFindingKind = 'privateData' | 'privateDataRequest' | 'brushOff' | 'blame' | 'length' | 'placeholder';

export interface DraftFinding {
  kind: DraftFindingKind;
  /**
   * privateData and privateDataRequest: the kind of data (`phone`, `email`, `card`,
   * `myNumber`, `bankAccount`, `address`); brushOff and blame: the phrase as
   * configured; placeholder: the token as typed (`{order_id}`); length: `312/280`.
   */
  detail: string;
  /** UTF-16 offsets into the draft, end excluded. */
  start: number;
  end: number;
  /** Offer the "continue in DM or e-mail" template. */
  suggestDmTemplate: boolean;
}

export interface DraftContext {
  /** Numbers the agent was asked to quote (order, ticket ids): never flagged as private. */
  allowedNumbers?: readonly string[];
}

interface CompiledRules {
  brushOff: PhraseMatcher;
  blame: PhraseMatcher;
}

// Rules change rarely and drafts on every keystroke: build the phrase patterns once per
// rules object. A changed rule set is a new object (settings are parsed, not mutated).
const compiledRules = new WeakMap<GuidelineRules, CompiledRules>();

function compile(rules: GuidelineRules): CompiledRules {
  let compiled = compiledRules.get(rules);
  if (!compiled) {
    compiled = { brushOff: compilePhrases(rules.brushOffPhrases), blame: compilePhrases(rules.blamePhrases) };
    compiledRules.set(rules, compiled);
  }
  return compiled;
}

const NO_NUMBERS: readonly string[] = [];

export function checkDraft(draft: string, rules: GuidelineRules, context?: DraftContext): DraftFinding[] {
  if (draft.trim() === '') return [];
  const compiled = compile(rules);
  const { text, toOriginal } = foldWidth(draft);
  const findings: DraftFinding[] = [];
  const add = (kind: DraftFindingKind, detail: string, start: number, end: number): void => {
    const suggestDmTemplate = kind === 'privateData' || kind === 'privateDataRequest';
    findings.push({ kind, detail, start: toOriginal(start), end: toOriginal(end), suggestDmTemplate });
  };

  for (const match of findPrivateData(text, rules.privateData, context?.allowedNumbers ?? NO_NUMBERS)) {
    add('privateData', match.kind, match.start, match.end);
  }
  if (rules.privateDataRequests) {
    for (const match of findDataRequests(text)) add('privateDataRequest', match.kind, match.start, match.end);
  }
  const brushOff = findBrushOff(text, compiled.brushOff);
  if (brushOff) add('brushOff', brushOff.phrase, brushOff.start, brushOff.end);
  for (const match of findBlame(text, compiled.blame)) add('blame', match.phrase, match.start, match.end);

  for (const span of findPlaceholders(draft, text, toOriginal)) {
    findings.push({ kind: 'placeholder', detail: draft.slice(span.start, span.end), ...span, suggestDmTemplate: false });
  }
  const overflow = lengthOverflow(draft, rules.maxWeightedLength);
  if (overflow) {
    findings.push({
      kind: 'length',
      detail: `${overflow.weightedLength}/${rules.maxWeightedLength}`,
      start: overflow.overflowStart,
      end: draft.length,
      suggestDmTemplate: false,
    });
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

export { weightedLength, type WeightedLength } from './length';
