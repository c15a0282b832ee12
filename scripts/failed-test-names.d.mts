export function vitestFailedTests(report: unknown, projectFolder: string): string[];
export function playwrightFailedTests(report: unknown): string[];
