// The build's log: MSBuild-like targets ("StampInf:", "Inf2Cat:") each with
// the command line of the tool it runs and the tool's output, indented. The
// same record feeds --json.

export interface BuildStep {
  target: string;
  /** The equivalent wdksim command line, when the step runs a tool. */
  command?: string;
  exitCode?: number;
  lines: string[];
}

export class BuildLog {
  readonly steps: BuildStep[] = [];
  constructor(private readonly write: (text: string) => void) {}

  heading(text: string): void {
    this.write(`${text}\n`);
  }

  step(target: string, command?: string): BuildStep {
    const step: BuildStep = { target, lines: [], ...(command ? { command } : {}) };
    this.steps.push(step);
    const last = this.steps.at(-2);
    if (!last || last.target !== target) this.write(`${target}:\n`);
    if (command) this.write(`  $ ${command}\n`);
    return step;
  }

  line(step: BuildStep, text: string): void {
    for (const line of text.replace(/\n$/, '').split('\n')) {
      step.lines.push(line);
      this.write(line === '' ? '\n' : `  ${line}\n`);
    }
  }
}
