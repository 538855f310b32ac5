"""Un MLP pequeño con normalización por lotes: parámetros entrenables y no entrenables."""

import keras

keras.utils.set_random_seed(42)

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        # BN antes de la activación: el sesgo de Dense sobra, β hace su papel.
        keras.layers.Dense(32, use_bias=False, kernel_initializer="he_normal"),
        keras.layers.BatchNormalization(),
        keras.layers.Activation("relu"),
        keras.layers.Dense(16, use_bias=False, kernel_initializer="he_normal"),
        keras.layers.BatchNormalization(),
        keras.layers.Activation("relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.summary()
# --8<-- [end:model]

# --8<-- [start:weights]
bn = model.layers[1]
for w in bn.weights:
    print(f"{w.path:40s} shape={w.shape}  trainable={w.trainable}")
# --8<-- [end:weights]
