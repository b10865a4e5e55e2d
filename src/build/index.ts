// The driver build: project settings → package folder (see pipeline.ts).
export { runBuild, type BuildOptions, type BuildResult } from './pipeline.js';
export { makePlaceholderBinary, isPlaceholderBinary, PLACEHOLDER_MARKER } from './placeholder.js';
export { type BuildStep } from './log.js';
