"""MLP de regresión con la API secuencial y una capa Normalization (load_diabetes)."""

# --8<-- [start:data]
import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# 442 pacientes, 10 variables en sus unidades originales (edad en años, IMC,
# presión arterial, seis análisis de sangre...) y como objetivo una medida de
# la progresión de la diabetes un año después.
X, y = load_diabetes(return_X_y=True, scaled=False)
X_train_full, X_test, y_train_full, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
X_train, X_valid, y_train, y_valid = train_test_split(
    X_train_full, y_train_full, test_size=0.2, random_state=42
)
print("train:", X_train.shape, "valid:", X_valid.shape, "test:", X_test.shape)
print("media de cada variable (train):", X_train.mean(axis=0).round(1))
# --8<-- [end:data]

# --8<-- [start:model]
norm_layer = keras.layers.Normalization()
model = keras.Sequential(
    [
        keras.Input(shape=(X_train.shape[1],)),
        norm_layer,
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),  # una salida, sin activación: cualquier valor real
    ],
    name="diabetes_mlp",
)
norm_layer.adapt(X_train)  # calcula media y varianza de cada columna (solo train)
model.summary()
# --8<-- [end:model]

# --8<-- [start:fit]
model.compile(
    loss="mse",
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    metrics=["root_mean_squared_error"],
)
history = model.fit(
    X_train, y_train, epochs=50, batch_size=32, validation_data=(X_valid, y_valid), verbose=0
)
test_mse, test_rmse = model.evaluate(X_test, y_test, verbose=0)
y_pred = model.predict(X_test, verbose=0).ravel()  # predict devuelve forma (n, 1)

# Dos referencias para leer el RMSE: predecir siempre la media de train
# y una regresión lineal ajustada con mínimos cuadrados.
rmse_mean = np.sqrt(np.mean((y_test - y_train.mean()) ** 2))
A = np.c_[np.ones(len(X_train)), X_train]
coef = np.linalg.lstsq(A, y_train, rcond=None)[0]
rmse_linear = np.sqrt(np.mean((y_test - np.c_[np.ones(len(X_test)), X_test] @ coef) ** 2))
print(f"RMSE en test: MLP = {test_rmse:.1f}   lineal = {rmse_linear:.1f}   media = {rmse_mean:.1f}")
print("primeras 3 predicciones:", y_pred[:3].round(1), "  reales:", y_test[:3])
# --8<-- [end:fit]

# --8<-- [start:figure]
fig, (ax_curve, ax_pred) = plt.subplots(1, 2, figsize=(8, 3.4))
epochs = np.arange(1, len(history.history["loss"]) + 1)
for key, style in [("root_mean_squared_error", "-"), ("val_root_mean_squared_error", "--")]:
    ax_curve.plot(
        epochs, history.history[key], style, label=key.replace("root_mean_squared_error", "rmse")
    )
ax_curve.set(xlabel="epoch", title="RMSE", ylim=(0, None))
ax_curve.legend()
ax_pred.scatter(y_test, y_pred, s=14, alpha=0.7, marker="o")
lims = [min(y_test.min(), y_pred.min()), max(y_test.max(), y_pred.max())]
ax_pred.plot(lims, lims, ":", color="black", label="ŷ = y")
ax_pred.set(xlabel="y (test)", ylabel="ŷ", title="test", aspect="equal")
ax_pred.legend(loc="upper left")
fig.savefig("regression.svg")
# --8<-- [end:figure]
