"""MNIST de verdad: 70 000 dígitos manuscritos de 28×28 píxeles.

La primera llamada descarga el archivo mnist.npz (unos 11 MB) en
~/.keras/datasets/ (o en $KERAS_HOME/datasets/); las siguientes lo leen de allí.
El sitio no ejecuta este fragmento: usa load_digits, que viene con scikit-learn.
"""

import keras

(X_train_full, y_train_full), (X_test, y_test) = keras.datasets.mnist.load_data()

# Las últimas 5000 imágenes de entrenamiento, para validar; píxeles de 0-255 a 0-1.
X_train, y_train = X_train_full[:-5000] / 255.0, y_train_full[:-5000]
X_valid, y_valid = X_train_full[-5000:] / 255.0, y_train_full[-5000:]
X_test = X_test / 255.0

print("X_train", X_train.shape, "y_train", y_train.shape)
print("X_valid", X_valid.shape, "y_valid", y_valid.shape)
print("X_test ", X_test.shape, "y_test ", y_test.shape)
# Con el MNIST real:
# X_train (55000, 28, 28) y_train (55000,)
# X_valid (5000, 28, 28) y_valid (5000,)
# X_test  (10000, 28, 28) y_test  (10000,)
