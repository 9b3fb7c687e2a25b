import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ModalDialog } from '../ui/modal.directive';
import type { Schemas } from '@enclave/api-contract';
import { SharesApi } from './shares.api';
import { formatWhen } from './formatting';
import { DEFAULT_EXPIRY_SECONDS, EXPIRY_OPTIONS } from './share-limits';
import { downloadsWording, outcomeWording, stateBadge } from './share-state';

type Share = Schemas['Share'];

/** `/shares`: everyone who can reach the user's files, with revoke, new expiry and access log. */
@Component({
  selector: 'enc-shares-page',
  imports: [FormsModule, ModalDialog],
  templateUrl: './shares.page.html',
  styleUrl: './shares.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SharesPage implements OnInit {
  private readonly api = inject(SharesApi);

  protected readonly shares = signal<Share[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal('');
  /** The share whose revoke waits for a "yes". */
  protected readonly confirming = signal<Share | undefined>(undefined);
  /** The share whose expiry is being changed, and to what. */
  protected readonly editing = signal<string | undefined>(undefined);
  protected readonly newExpiry = signal(DEFAULT_EXPIRY_SECONDS);
  protected readonly rowError = signal<{ shareId: string; message: string } | undefined>(undefined);
  protected readonly detail = signal<Schemas['ShareDetail'] | undefined>(undefined);

  protected readonly expiryOptions = EXPIRY_OPTIONS;
  protected readonly stateBadge = stateBadge;
  protected readonly downloadsWording = downloadsWording;
  protected readonly outcomeWording = outcomeWording;
  protected readonly formatWhen = formatWhen;

  ngOnInit(): void {
    void this.loadPage();
  }

  protected async loadPage(cursor?: string): Promise<void> {
    this.loading.set(true);
    this.error.set('');
    const result = await this.api.list(cursor);
    this.loading.set(false);
    if (!result.ok) {
      this.error.set(result.problem.detail);
      return;
    }
    this.shares.update((shown) =>
      cursor ? [...shown, ...result.data.shares] : result.data.shares,
    );
    this.nextCursor.set(result.data.next_cursor);
  }

  protected askToRevoke(share: Share): void {
    this.editing.set(undefined);
    this.rowError.set(undefined);
    this.confirming.set(share);
  }

  protected async revoke(share: Share): Promise<void> {
    this.confirming.set(undefined);
    this.replace(share.share_id, await this.api.revoke(share.share_id));
  }

  protected startEditing(share: Share): void {
    this.confirming.set(undefined);
    this.rowError.set(undefined);
    this.newExpiry.set(DEFAULT_EXPIRY_SECONDS);
    this.editing.set(share.share_id);
  }

  protected async saveExpiry(share: Share): Promise<void> {
    const result = await this.api.changeExpiry(share.share_id, Number(this.newExpiry()));
    if (result.ok) this.editing.set(undefined);
    this.replace(share.share_id, result);
  }

  protected async open(share: Share): Promise<void> {
    const result = await this.api.get(share.share_id);
    if (result.ok) this.detail.set(result.data);
    else this.rowError.set({ shareId: share.share_id, message: result.problem.detail });
  }

  private replace(shareId: string, result: Awaited<ReturnType<SharesApi['revoke']>>): void {
    if (!result.ok) {
      this.rowError.set({ shareId, message: result.problem.detail });
      return;
    }
    this.rowError.set(undefined);
    this.shares.update((all) => all.map((s) => (s.share_id === shareId ? result.data : s)));
    const open = this.detail();
    if (open?.share_id === shareId) this.detail.set({ ...open, ...result.data });
  }
}
