// The invoice commands, as generated from Rust's command list
// (commands.gen.ts). The PDF's save dialog opens in Rust; no path crosses
// IPC.

export {
  invoicesList,
  invoiceGet,
  invoicePreview,
  invoiceIssue,
  invoiceSetPaid,
  invoiceVoid,
  invoiceSavePdf,
} from './commands.gen';
