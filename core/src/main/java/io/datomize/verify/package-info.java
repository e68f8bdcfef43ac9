/**
 * What verification found after a run: per table, counts, compared values and refs; per bridge, its
 * links; and the list of checks made, so that a reader sees what was compared.
 */
@ValueStyle
package io.datomize.verify;

import io.datomize.internal.ValueStyle;
