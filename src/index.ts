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
