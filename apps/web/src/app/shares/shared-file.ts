/** The file a share dialog is about. */
export interface SharedFile {
  id: string;
  name: string;
}
