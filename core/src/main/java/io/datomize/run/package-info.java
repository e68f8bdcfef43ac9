/**
 * How a run behaves and what it tells while it runs: its options, the error policy that decides
 * when rejected rows stop it, progress events and their listener, and the exception that stops a
 * run with the id to resume it by. The run itself starts from {@link io.datomize.Migration}.
 */
@ValueStyle
package io.datomize.run;

import io.datomize.internal.ValueStyle;
