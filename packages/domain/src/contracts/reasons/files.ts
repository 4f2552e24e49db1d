/**
 * Reasons of the files people upload or import (any area): uploads, reading CSV and Excel, and the
 * import limits (`FANGPIN_IMPORT_*`, README). A file over a limit imports nothing.
 */
export const FILE_REASONS_EN = {
  uploadTooLarge: 'The file is too large',
  uploadMalformed: 'The upload is not a well-formed form with a file: choose the file again',
  fileMissing: 'No file was uploaded',
  unstorableCharacter: 'The field {{field}} contains a character that cannot be stored',
  tableFileEmpty: 'The file is empty (0 bytes): check the exported file',
  fileNotFound: 'File not found',
  excelPasswordProtected: 'The Excel file is password-protected: remove the password (File → Info → Protect Workbook) and save it again',
  xlsNotSupported: 'Old Excel .xls files are not supported: save as .xlsx or CSV',
  xlsxDamaged: 'The .xlsx file is damaged or not a real Excel file',
  excelUnreadable: 'The Excel file cannot be read: open it in Excel or WPS and save it again as .xlsx or CSV',
  idHeaderMissing: 'No header row with an ID number column (身份证号码) was found',
  csvUnparseable: 'The CSV file cannot be parsed near line {{line}}',
  nulCharacter: 'Row {{row}}, column {{column}} holds a NUL character: the file is not a text table (a UTF-16 file without its byte-order mark, or a binary file); export it again as CSV or XLSX',
  limitRows: 'The file has more than {{max}} rows; nothing was imported (limit set by {{variable}})',
  limitCellChars: 'Row {{row}}, column {{column}}: a cell of {{found}} characters (limit {{max}}); nothing was imported (limit set by {{variable}})',
  limitLineChars: 'Row {{row}}: a row of {{found}} characters (limit {{max}}); nothing was imported (limit set by {{variable}})',
  limitLineLength: 'Row {{row}}: a line longer than {{max}} characters, or a quote that is never closed; nothing was imported (limit set by {{variable}})',
  limitColumns: 'Row {{row}}: a row of {{found}} columns (limit {{max}}); nothing was imported (limit set by {{variable}})',
  limitRejectedRows: 'More than {{max}} rows were rejected (most often {{topCode}}): check that this is the right file and that its columns are recognised; nothing was imported (limit set by {{variable}})',
  limitWorkerMemory: 'Reading this file needs more than {{max}} MB of memory; nothing was imported (limit set by {{variable}})',
} as const;
