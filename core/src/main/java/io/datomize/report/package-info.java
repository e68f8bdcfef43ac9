/**
 * The results of a migration: what each step read, loaded and rejected, what was left out and why,
 * each rejected row with its reasons, and the printed summary and {@code report.json}.
 */
@ValueStyle
package io.datomize.report;

import io.datomize.internal.ValueStyle;
