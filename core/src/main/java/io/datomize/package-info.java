/**
 * Datomize's entry points: {@link io.datomize.Mappings} and the staged steps of its mapping DSL.
 */
@ValueStyle
package io.datomize;

import io.datomize.style.ValueStyle;
