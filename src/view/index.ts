// Views over the simulated target: snapshots, diffs between two states, and a
// Device Manager-like report (text, JSON, self-contained HTML).
export { captureTarget, listFiles, type Capture, type FileEntry } from './capture.js';
export { takeSnapshot, loadSnapshot, listSnapshots, checkSnapshotName, snapshotPath, SNAPSHOT_DIR } from './snapshot.js';
export { diffCaptures, isEmptyDiff, type TargetDiff } from './diff.js';
export { formatDiffText } from './diff-text.js';
export { formatDiffHtml } from './diff-html.js';
export { buildReport, formatReportText, type TargetReport } from './report.js';
export { formatReportHtml } from './report-html.js';
export { servicesOf, formatRegValue, type ServiceInfo } from './services.js';
