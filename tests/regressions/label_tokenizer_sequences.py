# Reduced from a public course notebook (issue 9 precision pass): labels turned
# into ids with a second Tokenizer. Every label is one word, so NumPy makes an
# int (N, 1) array, not ragged object data. Keras runs it.
import numpy as np
from tensorflow.keras.layers import Dense, Embedding, GlobalAveragePooling1D
from tensorflow.keras.models import Sequential
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

words = ["tv", "future", "hands", "viewers", "home", "video", "market"]
kinds = ["tech", "business", "sport", "entertainment", "politics"]
rng = np.random.default_rng(0)
sentences = [" ".join(rng.choice(words, 12)) for _ in range(64)]
labels = [kinds[i % 5] for i in range(64)]

tokenizer = Tokenizer(num_words=100, oov_token="<OOV>")
tokenizer.fit_on_texts(sentences)
padded = pad_sequences(tokenizer.texts_to_sequences(sentences), padding="post", maxlen=20)
label_tokenizer = Tokenizer()
label_tokenizer.fit_on_texts(labels)
label_seq = np.array(label_tokenizer.texts_to_sequences(labels))

model = Sequential([Embedding(100, 8), GlobalAveragePooling1D(), Dense(6, activation="softmax")])
model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
model.fit(padded, label_seq, epochs=1, verbose=0)
