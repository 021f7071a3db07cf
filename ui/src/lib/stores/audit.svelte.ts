// The security log shown in Settings: security events, newest first, and
// whether the log's hash chain is whole. Loaded when the section opens and
// on "Check again"; `reset()` runs on lock.

import * as auditApi from '../api/audit';
import type { AppError, SecurityLog } from '../bindings';
import { toAppError } from '../errors';
import { forgetOnLock } from './onLock';

class AuditStore {
  log = $state<SecurityLog | null>(null);
  loading = $state(false);
  error = $state<AppError | null>(null);

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.log = await auditApi.securityLog();
    } catch (e) {
      this.error = toAppError(e);
    } finally {
      this.loading = false;
    }
  }

  reset(): void {
    this.log = null;
    this.loading = false;
    this.error = null;
  }
}

export const audit = new AuditStore();
forgetOnLock(() => audit.reset());
