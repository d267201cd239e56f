/** Draft checks ("guidelines"): live, warn-only checks on a reply draft. */
export { checkDraft, type DraftContext, type DraftFinding, type DraftFindingKind } from './checks';
export { weightedLength, type WeightedLength } from './length';
export { findingMessage } from './messages';
export {
  DEFAULT_GUIDELINE_RULES,
  guidelineRulesSchema,
  PRIVATE_DATA_KINDS,
  privateDataKindSchema,
  type GuidelineRules,
  type PrivateDataKind,
} from './rules';
