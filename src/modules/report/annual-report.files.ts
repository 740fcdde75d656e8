import ExcelJS from 'exceljs';
import { AnnualReportModel } from './annual-report.model';
import { sections, Table } from './annual-report.render';

/** Every table of the report, named, in the order the HTML shows them: the CSV's blocks and the workbook's sheets. */
export function reportTables(r: AnnualReportModel): (Table & { name: string })[] {
  const seen = new Set<string>();
  const out: (Table & { name: string })[] = [];
  for (const s of sections(r)) {
    for (const t of s.tables) {
      if (!t.rows.length) continue;
      // Sheet names: at most 31 characters, none of : \ / ? * [ ], unique.
      let name = (t.name ?? s.title).replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
      for (let i = 2; seen.has(name); i++) name = `${name.slice(0, 28)} ${i}`;
      seen.add(name);
      out.push({ ...t, name });
    }
  }
  return out;
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; text that a
 * spreadsheet would run as a formula (= + - @ at its start) is prefixed with an apostrophe.
 */
function csvCell(v: string | number): string {
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The tables as CSV: each preceded by a line with its name, separated by a blank line; or one table by name. */
export function renderCsv(r: AnnualReportModel, only?: string): string {
  const tables = reportTables(r).filter((t) => !only || t.name === only);
  const lines: string[] = [];
  for (const t of tables) {
    if (!only) lines.push(csvCell(t.name));
    lines.push(t.head.map(csvCell).join(','));
    for (const row of t.rows) lines.push(row.map(csvCell).join(','));
    if (!only) lines.push('');
  }
  return lines.join('\r\n') + '\r\n';
}

/** An Excel workbook with one sheet per table of the HTML report, same headings, same cells. */
export async function renderXlsx(r: AnnualReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Partnership hub';
  wb.title = `${r.board.name}: yearly report ${r.from} to ${r.to}`;
  for (const t of reportTables(r)) {
    const ws = wb.addWorksheet(t.name);
    ws.addRow(t.head).font = { bold: true };
    for (const row of t.rows) ws.addRow(row);
    ws.columns.forEach((c, i) => {
      c.width = Math.min(60, Math.max(10, ...[t.head[i], ...t.rows.map((x) => x[i])].map((v) => String(v ?? '').length + 2)));
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
