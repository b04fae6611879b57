// node xlsx-edit.mjs IN.xlsx OUT.xlsx [ID COLUMN VALUE]...
// Edits a workbook as a teacher would in a spreadsheet program, with
// exceljs (a program we did not write): in the first sheet, the cell under
// the header COLUMN in the row whose 编号 is ID gets VALUE (a number when
// it looks like one), and the workbook is saved as exceljs saves it.
import ExcelJS from 'exceljs';

const [inFile, outFile, ...edits] = process.argv.slice(2);
if (!inFile || !outFile || edits.length % 3) {
  console.error('usage: node xlsx-edit.mjs IN.xlsx OUT.xlsx [ID COLUMN VALUE]...');
  process.exit(2);
}
const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(inFile);
const ws = wb.worksheets[0];
const head = ws.getRow(1).values;
const idCol = head.indexOf('编号');
for (let i = 0; i < edits.length; i += 3) {
  const [id, column, value] = edits.slice(i, i + 3);
  const col = head.indexOf(column);
  if (col < 1 || idCol < 1) { console.error(`no column ${column}`); process.exit(1); }
  let row = 0;
  ws.eachRow((r, n) => { if (String(r.getCell(idCol).value) === id) row = n; });
  if (!row) { console.error(`no row with 编号 ${id}`); process.exit(1); }
  ws.getRow(row).getCell(col).value = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}
await wb.xlsx.writeFile(outFile);
