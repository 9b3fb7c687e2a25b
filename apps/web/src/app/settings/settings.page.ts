import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  type OnInit,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { Schemas } from '@enclave/api-contract';
import { SessionStore } from '../core/session.store';
import { formatWhen } from '../shares/formatting';
import { KeyApi } from './key.api';
import { canShred, modeExplanation, stateExplanation } from './key-wording';

/** `/settings`: how the user's files are encrypted, and crypto-shredding them for good. */
@Component({
  selector: 'enc-settings-page',
  imports: [FormsModule],
  templateUrl: './settings.page.html',
  styleUrl: './settings.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPage implements OnInit {
  private readonly api = inject(KeyApi);
  private readonly sessions = inject(SessionStore);

  protected readonly key = signal<Schemas['KeyStatus'] | undefined>(undefined);
  protected readonly loadError = signal('');
  protected readonly confirmation = signal('');
  protected readonly shredding = signal(false);
  protected readonly shredError = signal('');
  protected readonly shredded = signal<Schemas['ShredResponse'] | undefined>(undefined);

  protected readonly email = computed(() => this.sessions.session()?.email ?? '');
  protected readonly mode = computed(() => {
    const key = this.key();
    return key ? modeExplanation(key.kms_mode) : undefined;
  });
  protected readonly state = computed(() => {
    const key = this.key();
    return key ? stateExplanation(key.state) : '';
  });
  protected readonly showDangerZone = computed(() => {
    const key = this.key();
    return key !== undefined && canShred(key);
  });
  /** Typed exactly, not case-folded: the point is a deliberate act. */
  protected readonly confirmed = computed(
    () => this.email() !== '' && this.confirmation() === this.email(),
  );

  protected readonly formatWhen = formatWhen;

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    const result = await this.api.status();
    if (result.ok) this.key.set(result.data);
    else this.loadError.set(result.problem.detail);
  }

  protected async shred(): Promise<void> {
    if (!this.confirmed() || this.shredding()) return;
    this.shredding.set(true);
    this.shredError.set('');
    const result = await this.api.shred();
    this.shredding.set(false);
    if (!result.ok) {
      this.shredError.set(result.problem.detail);
      return;
    }
    const { kms_mode, state, key_id, deletion_date } = result.data;
    this.shredded.set(result.data);
    this.key.update((key) => ({ ...key, kms_mode, state, key_id, deletion_date }));
    this.confirmation.set('');
  }
}
