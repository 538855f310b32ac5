"""El mismo wide & deep de dos entradas y dos salidas, como subclase de keras.Model."""

import keras
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

X, y = load_diabetes(return_X_y=True, scaled=False)
X_train_full, X_test, y_train_full, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
X_train, X_valid, y_train, y_valid = train_test_split(
    X_train_full, y_train_full, test_size=0.2, random_state=42
)
X_train_wide, X_train_deep = X_train[:, :4], X_train[:, 2:]
X_valid_wide, X_valid_deep = X_valid[:, :4], X_valid[:, 2:]
X_test_wide, X_test_deep = X_test[:, :4], X_test[:, 2:]


# --8<-- [start:model]
class WideAndDeepModel(keras.Model):
    def __init__(self, units=30, activation="relu", **kwargs):
        super().__init__(**kwargs)  # admite name=..., entre otros
        # El constructor crea las capas...
        self.norm_wide = keras.layers.Normalization()
        self.norm_deep = keras.layers.Normalization()
        self.hidden1 = keras.layers.Dense(units, activation=activation)
        self.hidden2 = keras.layers.Dense(units, activation=activation)
        self.main_output = keras.layers.Dense(1)
        self.aux_output = keras.layers.Dense(1)

    def call(self, inputs):
        # ...y call() las conecta, con Python normal (aquí cabrían if, for, prints).
        input_wide, input_deep = inputs
        norm_wide = self.norm_wide(input_wide)
        hidden = self.hidden2(self.hidden1(self.norm_deep(input_deep)))
        concat = keras.ops.concatenate([norm_wide, hidden], axis=-1)
        # Un diccionario de salidas: sus claves dan nombre a pérdidas y métricas.
        return {"main": self.main_output(concat), "aux": self.aux_output(hidden)}


model = WideAndDeepModel(30, activation="relu", name="wide_deep_subclass")
# --8<-- [end:model]

# --8<-- [start:fit]
model.norm_wide.adapt(X_train_wide)
model.norm_deep.adapt(X_train_deep)
model.compile(
    loss={"main": "mse", "aux": "mse"},
    loss_weights={"main": 0.9, "aux": 0.1},
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    metrics={"main": ["root_mean_squared_error"], "aux": ["root_mean_squared_error"]},
)
history = model.fit(
    (X_train_wide, X_train_deep),
    {"main": y_train, "aux": y_train},
    epochs=50,
    validation_data=((X_valid_wide, X_valid_deep), {"main": y_valid, "aux": y_valid}),
    verbose=0,
)
results = model.evaluate(
    (X_test_wide, X_test_deep),
    {"main": y_test, "aux": y_test},
    batch_size=len(y_test),
    return_dict=True,
    verbose=0,
)
for name, value in sorted(results.items()):
    print(f"{name:30s} {value:10.1f}")
# --8<-- [end:fit]

# --8<-- [start:inspect]
# Hasta que el modelo no se llama sobre datos no tiene pesos; ahora ya los tiene.
print("parámetros:", model.count_params())
print("capas:", [layer.name for layer in model.layers])
y_pred = model.predict((X_test_wide[:3], X_test_deep[:3]), verbose=0)
print("salidas:", {name: array.shape for name, array in y_pred.items()})
# --8<-- [end:inspect]
