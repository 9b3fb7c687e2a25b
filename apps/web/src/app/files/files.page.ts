import { ChangeDetectionStrategy, Component } from '@angular/core';
import { FileLibrary } from './file-library';
import { provideFiles } from './files.providers';
import { UploadPanel } from './upload-panel';

/** The dashboard: uploads on top, the library of the user's files below. */
@Component({
  selector: 'enc-files-page',
  imports: [UploadPanel, FileLibrary],
  providers: provideFiles(),
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>Files</h1>
      <enc-upload-panel (uploaded)="library.refresh()" />
      <enc-file-library #library />
    </div>
  `,
  styles: `
    h1 {
      margin: 0 0 1rem;
      font-size: 1.6rem;
    }
    enc-upload-panel {
      display: block;
      margin-bottom: 1.5rem;
    }
  `,
})
export class FilesPage {}
