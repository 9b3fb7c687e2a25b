// What other pages use of the shares feature: the two share dialogs.
export { CreateLinkDialog } from './create-link.dialog';
export { ShareByEmailDialog } from './share-by-email.dialog';
export type { SharedFile } from './shared-file';
