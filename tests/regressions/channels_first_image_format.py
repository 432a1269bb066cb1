# Reduced from a public study script (issue 9 precision pass): the program sets
# channels_first for every layer; the model builds (Keras 2 and 3). lstmlint once
# computed channels_last shapes and reported a window larger than the input.
from tensorflow.keras import backend
from tensorflow.keras.layers import Conv2D, Dense, Flatten, MaxPooling2D
from tensorflow.keras.models import Sequential

backend.set_image_data_format("channels_first")
model = Sequential()
model.add(Conv2D(30, (5, 5), input_shape=(1, 28, 28), activation="relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Conv2D(15, (3, 3), activation="relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Flatten())
model.add(Dense(10, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer="adam")
backend.set_image_data_format("channels_last")
