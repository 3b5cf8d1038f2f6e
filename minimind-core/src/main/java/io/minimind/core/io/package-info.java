/**
 * File formats on disk: {@link io.minimind.core.io.SafeTensors} (tensor files, read by memory
 * map, written atomically), {@link io.minimind.core.io.TensorData} with its f16/bf16 conversions,
 * {@link io.minimind.core.io.ConfigJson} (Hugging Face style {@code config.json} for {@link
 * io.minimind.core.model.MiniMindConfig}) and {@link io.minimind.core.io.StateDictCheck} (names and
 * shapes of a loaded state dict). Every load error is a {@link
 * io.minimind.core.io.CheckpointFormatException} naming the file and the tensor or field.
 */
package io.minimind.core.io;
