/** The immutable results of a migration: what each step read, loaded and rejected, and what verification found. */
@ValueStyle
package io.datomize.report;

import io.datomize.style.ValueStyle;
