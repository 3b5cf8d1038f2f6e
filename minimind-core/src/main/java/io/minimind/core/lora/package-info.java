/**
 * LoRA: low-rank adapters on a model's attention and MLP projections ({@link
 * io.minimind.core.lora.LoraAdapters}), trained while the base model stays frozen ({@link
 * io.minimind.core.lora.LoraRun}), saved on their own ({@link io.minimind.core.lora.AdapterFiles})
 * and merged into the base weights for serving and export. The hook they use is {@link
 * io.minimind.core.nn.LinearAdapter}; each model has its own adapter set.
 */
package io.minimind.core.lora;
