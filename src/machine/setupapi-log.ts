// setupapi.dev.log text (wdk-tools.md §8): a header written once, then one
// section per operation. Timestamps are local time from the injected clock.
import { localParts, type Clock } from '../time/clock.js';
import type { OsState } from './schema.js';

export const LOG_PATH = 'Windows/INF/setupapi.dev.log';

/** A boot session marker, written when the machine starts (provisioning, reboot). */
export function bootSessionLine(clock: Clock): string {
  return `[Boot Session: ${logTimestamp(clock)}]\r\n\r\n`;
}

export function logHeader(os: OsState): string {
  return [
    '[Device Install Log]',
    `     OS Version = ${os.major}.${os.minor}.${os.build}`,
    '     Service Pack = 0.0',
    `     Suite = 0x${os.suiteMask.toString(16).padStart(4, '0')}`,
    `     ProductType = ${os.productType}`,
    `     Architecture = ${os.arch}`,
    '',
    '[BeginLog]',
    '',
    '',
  ].join('\r\n');
}

export function logTimestamp(clock: Clock): string {
  const now = clock.now();
  const p = localParts(now, clock.timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p.year}/${pad(p.month)}/${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(p.millisecond, 3)}`;
}

export type LogLevel = 'info' | 'warning' | 'error';
const PREFIX: Record<LogLevel, string> = { info: '     ', warning: '!    ', error: '!!!  ' };

/** One log section being written: entries are indented by group depth (5 spaces each). */
export class LogSection {
  readonly lines: string[] = [];
  #depth = 0;
  status = 'SUCCESS';
  constructor(readonly title: string) {}

  /** `category` is four characters such as "dvi:" or "sto:". */
  entry(category: string, message: string, level: LogLevel = 'info'): this {
    const text = `${PREFIX[level]}${category.padEnd(4)} ${'     '.repeat(this.#depth)}${message}`;
    this.lines.push(text.length > 336 ? text.slice(0, 336) : text);
    if (level === 'error') this.status = 'FAILURE';
    return this;
  }
  begin(category: string, name: string): this {
    this.entry(category, `{${name}`);
    this.#depth++;
    return this;
  }
  end(category: string, name: string, code = 0): this {
    this.#depth = Math.max(0, this.#depth - 1);
    return this.entry(category, `{${name} - exit(0x${(code >>> 0).toString(16).padStart(8, '0')})}`);
  }

  render(start: string, end: string): string {
    return [`>>>  [${this.title}]`, `>>>  Section start ${start}`, ...this.lines, `<<<  Section end ${end}`, `<<<  [Exit status: ${this.status}]`, '', ''].join('\r\n');
  }
}
