/**
 * Not API. The run engine behind {@link io.datomize.Migration}: the run, its steps (reading and
 * batching, then the pipeline that submits, settles and bisects refused batches), the reject
 * journal, the checkpoints and the verifier.
 */
package io.datomize.internal.engine;
