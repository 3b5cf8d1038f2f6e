/**
 * Pure-Java float32 inference for MiniMind models (dense and mixture-of-experts), for serving: {@link
 * io.minimind.core.infer.InferenceWeights} (flat weight arrays from a model directory), {@link
 * io.minimind.core.infer.Sequence} (a preallocated KV cache), {@link
 * io.minimind.core.infer.InferenceEngine} (a batched forward step over sequences of different
 * lengths, the continuous-batching primitive), {@code MoeDispatch} (sparse mixture-of-experts FFN:
 * rows grouped by expert, routing as torch.topk picks, see {@code TorchTopK}), {@link
 * io.minimind.core.infer.VectorKernels} (the Vector API kernels) and {@link
 * io.minimind.core.infer.Kernels} (their naive scalar references).
 *
 * <p>Uses the incubating {@code jdk.incubator.vector} module: every JVM that loads these classes
 * needs {@code --add-modules jdk.incubator.vector} (and prints "WARNING: Using incubator modules").
 */
package io.minimind.core.infer;
