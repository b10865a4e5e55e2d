// The library API: what the commands use, for scripts and other tools.
export * from './inf/index.js';
export * from './diagnostic.js';
export * from './errors.js';
export * from './time/clock.js';
export * from './stamp/index.js';
export * from './package/index.js';
export * from './catalog/index.js';
export { readProject, findProjectFile, wdksimJsonSchema, type ProjectSettings, type InfItem, type StampSettings, type Inf2CatSettings, type SignSettings, type ReadOptions as ProjectReadOptions, type WdksimJson } from './project/index.js';
export { runBuild, makePlaceholderBinary, isPlaceholderBinary, type BuildOptions, type BuildResult, type BuildStep } from './build/index.js';
export { validate, validateDocument, sortDiagnostics, type ValidateOptions, type ValidationResult } from './rules/validate.js';
export { infRules, ruleById } from './rules/index.js';
export { defineRule, levels, modeLevels, MODES, type Rule, type RuleMeta, type RuleReport, type BaseRuleContext, type Mode, type Level } from './rules/types.js';
export { runRules, RULE_CRASHED, type Source as RuleSource } from './rules/engine.js';
export type { InfRule, InfRuleContext, InfRuleOptions } from './rules/context.js';
export { formatters, type Formatter, type ReportInput, type FileReport } from './report/index.js';
export * from './machine/index.js';
export { memoryContext, nodeIo, type Context, type Io } from './io.js';
