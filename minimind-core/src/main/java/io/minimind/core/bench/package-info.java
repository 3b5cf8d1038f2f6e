/**
 * Benchmarks behind {@code ./minimind bench}: training throughput and MFU, decode speed, and the
 * machine's matrix-multiply FLOP/s measured in the same run. They print numbers; no test times them.
 */
package io.minimind.core.bench;
