"""California housing con scikit-learn: descarga (una vez) y partición."""

from sklearn.datasets import fetch_california_housing
from sklearn.model_selection import train_test_split

# La primera llamada descarga el archivo a ~/scikit_learn_data (o a la carpeta
# de la variable de entorno SCIKIT_LEARN_DATA) y lo guarda como cal_housing_py3.pkz.
housing = fetch_california_housing()
print("variables:", housing.feature_names)

X_train_full, X_test, y_train_full, y_test = train_test_split(
    housing.data, housing.target, random_state=42
)
X_train, X_valid, y_train, y_valid = train_test_split(X_train_full, y_train_full, random_state=42)
print("train:", X_train.shape, "valid:", X_valid.shape, "test:", X_test.shape)
# El objetivo es el valor mediano de la vivienda, en cientos de miles de dólares.
print("objetivo: min", y_train.min(), " max", y_train.max())
