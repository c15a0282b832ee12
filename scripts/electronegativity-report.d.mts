export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  /** Scanned folder plus the file electronegativity named, e.g. src/main/window-factory.ts. */
  file: string;
  location: string;
  sample: string;
  description: string;
}

export interface ReviewedFinding {
  check: string;
  /** Path endings the exception applies to. */
  files: string[];
  reason: string;
}

export interface JudgedFinding extends Finding {
  blocking: boolean;
  reviewedBecause: string | undefined;
}

export function parseCsv(text: string): string[][];
export function readFindings(csvText: string, scanned: string): Finding[];
export function judgeFindings(
  findings: readonly Finding[],
  reviewed: readonly ReviewedFinding[],
): { judged: JudgedFinding[]; summary: string; failed: boolean };
