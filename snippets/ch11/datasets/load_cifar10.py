"""CIFAR-10 con Keras: 60 000 imágenes en color de 32×32 en 10 clases.

La primera llamada descarga unos 163 MB a ~/.keras/datasets/ (o a
$KERAS_HOME/datasets/); las siguientes leen la copia local.
"""

import keras

(X_train_full, y_train_full), (X_test, y_test) = keras.datasets.cifar10.load_data()

# Separar 5000 imágenes de validación y llevar los píxeles a [0, 1].
X_train, y_train = X_train_full[5000:] / 255.0, y_train_full[5000:].ravel()
X_valid, y_valid = X_train_full[:5000] / 255.0, y_train_full[:5000].ravel()
X_test, y_test = X_test / 255.0, y_test.ravel()

print("train:", X_train.shape, y_train.shape)
print("valid:", X_valid.shape, y_valid.shape)
print("test: ", X_test.shape, y_test.shape)
pixel_range = (float(X_train.min()), float(X_train.max()))
print("píxeles en", pixel_range, "clases:", sorted(set(y_test.tolist())))
