"""Pesos iniciales iguales: las neuronas ocultas aprenden lo mismo y siguen siendo clones."""

import keras
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.preprocessing import StandardScaler

keras.utils.set_random_seed(42)
X, y = load_diabetes(return_X_y=True)
X = StandardScaler().fit_transform(X).astype("float32")
y = ((y - y.mean()) / y.std()).astype("float32")

# --8<-- [start:symmetry]
for init in [keras.initializers.Constant(0.1), keras.initializers.GlorotUniform(seed=42)]:
    model = keras.Sequential(
        [
            keras.Input(shape=(10,)),
            keras.layers.Dense(16, activation="relu", kernel_initializer=init),
            keras.layers.Dense(1, kernel_initializer=init),
        ]
    )
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")
    history = model.fit(X, y, epochs=10, batch_size=32, verbose=0)
    kernel = model.layers[0].get_weights()[0]  # 10 x 16: una columna por neurona oculta
    distinct = np.unique(kernel.round(5), axis=1).shape[1]
    print(
        f"{type(init).__name__:15s} neuronas ocultas distintas: {distinct:2d} de 16, "
        f"MSE final = {history.history['loss'][-1]:.3f}"
    )
# --8<-- [end:symmetry]
