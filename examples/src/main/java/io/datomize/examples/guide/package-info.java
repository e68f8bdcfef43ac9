/**
 * The code of the user guide ({@code docs/guide.md}): each snippet there is the text between a
 * {@code tag::NAME[]} and an {@code end::NAME[]} comment here, and a test keeps the two equal, so
 * the guide shows code that compiles and runs.
 */
package io.datomize.examples.guide;
